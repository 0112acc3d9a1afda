"""The Global Security Initiative Concept Paper, English and Chinese, as a data package."""

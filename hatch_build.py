"""The wheel's build hook: the wheel carries the published tables, for `gsipaper.load`.

It takes the descriptor and every Parquet file the descriptor lists, so a table added
to the package is shipped without a line here. An editable install reads the checkout's
own `dist/` instead.
"""

import json
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

INSIDE = "gsipaper/published"  # where `gsipaper.loader` looks in an installed package


class PublishedTables(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        include = build_data["force_include"]
        include[str(root / "datapackage.json")] = f"{INSIDE}/datapackage.json"
        for resource in descriptor["resources"]:
            if resource.get("format") == "parquet":
                include[str(root / resource["path"])] = f"{INSIDE}/{Path(resource['path']).name}"

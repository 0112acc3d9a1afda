-- The database's canned queries, which Datasette offers by name. Each query is one
-- block: a comment line that says what it does (its title), then its SQL. The
-- README shows the first; the tests run every one against the database.

-- Each commitment with its role and the start of both texts
SELECT c.commitment, c.role_en, c.role_zh, substr(v.text_en, 1, 40), substr(v.text_zh, 1, 20)
FROM commitments AS c JOIN side_by_side AS v ON v.commitment = c.commitment
ORDER BY c.commitment;

-- The paragraphs that the source cuts off, and whether their translation exists
SELECT p.paragraph_id, a.link_type, substr(p.text, -30)
FROM paragraphs AS p JOIN alignments AS a ON a.unit_id = p.unit_id
WHERE p.truncated
ORDER BY p.language;

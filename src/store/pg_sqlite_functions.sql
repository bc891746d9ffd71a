-- SQLite's built-in functions that the store's shared SQL calls, given to
-- PostgreSQL under the same names (issue 13).  Not a migration: the store
-- runs this file on every open of a PostgreSQL database, after the
-- migrations and under their lock, so a new release's functions replace
-- the old ones (CREATE OR REPLACE).  tests/pg/test_sqlite_functions.py runs
-- each on both databases and compares the answers.
--
-- What differs, and how the store's SQL copes:
-- - SQLite's JSON values keep their JSON type (an integer is an integer);
--   here they are text, so SQL that compares one with an integer casts it
--   (CAST(j.value AS BIGINT)), which SQLite answers the same way.
-- - json_valid answers a boolean (SQLite: 1/0), for CASE WHEN and WHERE.
-- - Paths: '$', '.key', '."key"', '[n]' — what the store writes.

-- A SQLite JSON path as PostgreSQL's text[] path ('$.a[0]' → {a,0}).
CREATE OR REPLACE FUNCTION sqlite_json_path(p text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  out text[] := '{}';
  i int := 2;
  n int := length(p);
  c text;
  j int;
BEGIN
  IF left(p, 1) <> '$' THEN
    RAISE EXCEPTION 'JSON path error near ''%''', p;
  END IF;
  WHILE i <= n LOOP
    c := substr(p, i, 1);
    IF c = '.' AND substr(p, i + 1, 1) = '"' THEN
      j := strpos(substr(p, i + 2), '"');
      IF j = 0 THEN RAISE EXCEPTION 'JSON path error near ''%''', p; END IF;
      out := out || substr(p, i + 2, j - 1);
      i := i + 2 + j;
    ELSIF c = '.' THEN
      j := i + 1;
      WHILE j <= n AND substr(p, j, 1) NOT IN ('.', '[') LOOP j := j + 1; END LOOP;
      out := out || substr(p, i + 1, j - i - 1);
      i := j;
    ELSIF c = '[' THEN
      j := strpos(substr(p, i), ']');
      IF j = 0 THEN RAISE EXCEPTION 'JSON path error near ''%''', p; END IF;
      out := out || substr(p, i + 1, j - 2);
      i := i + j;
    ELSE
      RAISE EXCEPTION 'JSON path error near ''%''', p;
    END IF;
  END LOOP;
  RETURN out;
END $$;

-- A JSON value as SQLite's json_each and json_extract give it: a string's
-- text, a number's digits, true/false as 1/0, null as NULL, an array or
-- object as its JSON text.
CREATE OR REPLACE FUNCTION sqlite_json_value(v json) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE json_typeof(v)
    WHEN 'string' THEN v #>> '{}'
    WHEN 'null' THEN NULL
    WHEN 'boolean' THEN CASE WHEN v #>> '{}' = 'true' THEN '1' ELSE '0' END
    ELSE v::text END
$$;

-- SQLite's JSON type names.
CREATE OR REPLACE FUNCTION sqlite_json_type(v json) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE json_typeof(v)
    WHEN 'number' THEN CASE WHEN v::text ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
    WHEN 'boolean' THEN v #>> '{}'
    WHEN 'string' THEN 'text'
    ELSE json_typeof(v) END
$$;

-- json_each(json): the elements of an array (key 0, 1, …), the members of
-- an object (key the name), or a lone value; none for NULL.
CREATE OR REPLACE FUNCTION json_each(j text) RETURNS TABLE(key text, value text, type text)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  d json := CAST(j AS json);
BEGIN
  IF d IS NULL THEN
    RETURN;
  ELSIF json_typeof(d) = 'array' THEN
    RETURN QUERY SELECT CAST(e.n - 1 AS text), sqlite_json_value(e.v), sqlite_json_type(e.v)
      FROM json_array_elements(d) WITH ORDINALITY AS e(v, n);
  ELSIF json_typeof(d) = 'object' THEN
    RETURN QUERY SELECT o.key, sqlite_json_value(o.value), sqlite_json_type(o.value)
      FROM json_each(d) AS o;
  ELSE
    RETURN QUERY SELECT CAST(NULL AS text), sqlite_json_value(d), sqlite_json_type(d);
  END IF;
END $$;

-- json_each(json, path): the same at the path; none when nothing is there.
CREATE OR REPLACE FUNCTION json_each(j text, path text) RETURNS TABLE(key text, value text, type text)
LANGUAGE sql IMMUTABLE AS $$
  SELECT * FROM json_each(CAST(CAST(j AS json) #> sqlite_json_path(path) AS text))
$$;

-- json_extract(json, path): the value at the path, NULL when none.
CREATE OR REPLACE FUNCTION json_extract(j text, path text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT sqlite_json_value(CAST(j AS json) #> sqlite_json_path(path))
$$;

-- json_valid(text): whether the text is JSON (NULL for NULL).
CREATE OR REPLACE FUNCTION json_valid(j text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  PERFORM CAST(j AS json);
  RETURN true;
EXCEPTION WHEN others THEN
  RETURN false;
END $$;

-- json_array_length(text): PostgreSQL's own takes json, not text.
CREATE OR REPLACE FUNCTION json_array_length(j text) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE json_typeof(CAST(j AS json)) WHEN 'array' THEN json_array_length(CAST(j AS json))
    ELSE 0 END
$$;

-- json_remove(json, path, …) for top-level '$.key' paths, the only kind
-- the store removes (personal fields from audit rows).
CREATE OR REPLACE FUNCTION json_remove(j text, VARIADIC paths text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  d jsonb := CAST(j AS jsonb);
  p text;
BEGIN
  FOREACH p IN ARRAY paths LOOP
    d := d #- sqlite_json_path(p);
  END LOOP;
  RETURN CAST(d AS text);
END $$;

-- group_concat(value [, separator]): the non-NULL values joined, NULL
-- when there are none, in the order the rows come.
CREATE OR REPLACE FUNCTION sqlite_group_concat_step(acc text, v text, sep text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || coalesce(sep, '') || v END
$$;
CREATE OR REPLACE FUNCTION sqlite_group_concat_step(acc text, v text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT sqlite_group_concat_step(acc, v, ',') $$;
CREATE OR REPLACE AGGREGATE group_concat(text, text) (SFUNC = sqlite_group_concat_step, STYPE = text);
CREATE OR REPLACE AGGREGATE group_concat(text) (SFUNC = sqlite_group_concat_step, STYPE = text);

-- sum(condition): how many rows the condition holds for (SQLite's
-- comparisons are 1/0); NULL when every condition is NULL, as sum is.
CREATE OR REPLACE FUNCTION sqlite_sum_bool_step(acc bigint, v boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN acc ELSE coalesce(acc, 0) + CASE WHEN v THEN 1 ELSE 0 END END
$$;
CREATE OR REPLACE AGGREGATE sum(boolean) (SFUNC = sqlite_sum_bool_step, STYPE = bigint);

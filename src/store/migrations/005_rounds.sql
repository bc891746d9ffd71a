-- 005 — matching rounds (双向选择): a round per consortium and period;
-- positions are the consortium's published internship / order-class
-- demand of the period (headcount = seats); students submit a ranked list,
-- enterprises rank their applicants, the secretariat runs the stable
-- matching and publishes it.  See domain/round.c.

CREATE TABLE match_rounds (
  id INTEGER PRIMARY KEY,
  consortium_id INTEGER NOT NULL REFERENCES consortia(id),
  period INTEGER NOT NULL,
  title TEXT NOT NULL,
  positions TEXT NOT NULL,           -- which demand kinds are positions
  status TEXT NOT NULL DEFAULT 'draft', -- draft open ranking closed matched published
  apply_by TEXT,                     -- YYYY-MM-DD: last day for students' lists
  rank_by TEXT,                      -- YYYY-MM-DD: last day for enterprises' rankings
  max_choices INTEGER NOT NULL,
  optimal TEXT NOT NULL,             -- student | position
  verdict TEXT,                      -- the verifier's verdict on the stored result
  proposals INTEGER,                 -- proposals the last run made
  matched_at TEXT,
  published_at TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX match_rounds_consortium ON match_rounds(consortium_id, period);

-- A student's list: rank 1 = most wanted.  Replaced whole on each save.
CREATE TABLE match_choices (
  round_id INTEGER NOT NULL REFERENCES match_rounds(id),
  student_id INTEGER NOT NULL,
  demand_id INTEGER NOT NULL,
  rank INTEGER NOT NULL,
  PRIMARY KEY (round_id, student_id, rank),
  UNIQUE (round_id, student_id, demand_id)
) WITHOUT ROWID;
CREATE INDEX match_choices_position ON match_choices(round_id, demand_id);

-- An enterprise's ranking of a position's applicants: rank 1 = most wanted.
CREATE TABLE match_rankings (
  round_id INTEGER NOT NULL REFERENCES match_rounds(id),
  demand_id INTEGER NOT NULL,
  student_id INTEGER NOT NULL,
  rank INTEGER NOT NULL,
  PRIMARY KEY (round_id, demand_id, rank),
  UNIQUE (round_id, demand_id, student_id)
) WITHOUT ROWID;

-- The result of the last run: one row per student with a list (demand_id
-- NULL when unmatched) and the rank the student gave the position.
CREATE TABLE match_results (
  round_id INTEGER NOT NULL REFERENCES match_rounds(id),
  student_id INTEGER NOT NULL,
  demand_id INTEGER,
  choice_rank INTEGER,
  PRIMARY KEY (round_id, student_id)
) WITHOUT ROWID;
CREATE INDEX match_results_position ON match_results(round_id, demand_id);

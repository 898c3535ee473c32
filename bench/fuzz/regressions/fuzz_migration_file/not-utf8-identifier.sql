-- plumb:up
CREATE INDEX ON v(×)
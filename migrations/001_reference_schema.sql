-- The app's tables as they were when batch 28 got stuck (../shared/reference-schema.md),
-- with the same names, types and index names, including the global unique index
-- idx_on_invitation_type_invitation_id_6d6ef495e6 that caused the incident.

-- plumb:up

CREATE TABLE chapters (
  id serial PRIMARY KEY,
  name character varying,
  city character varying,
  active boolean DEFAULT true,
  time_zone character varying DEFAULT 'London' NOT NULL,
  created_at timestamp without time zone,
  updated_at timestamp without time zone
);

CREATE TABLE members (
  id serial PRIMARY KEY,
  name character varying,
  surname character varying,
  email character varying,
  accepted_toc_at timestamp without time zone,
  created_at timestamp without time zone,
  updated_at timestamp without time zone
);
CREATE UNIQUE INDEX index_members_on_email ON members USING btree (email);

CREATE TABLE bans (
  id serial PRIMARY KEY,
  member_id integer,
  expires_at timestamp without time zone,
  created_at timestamp without time zone,
  updated_at timestamp without time zone
);

CREATE TABLE groups (
  id serial PRIMARY KEY,
  chapter_id integer,
  name character varying,
  created_at timestamp without time zone,
  updated_at timestamp without time zone
);
CREATE INDEX index_groups_on_chapter_id ON groups USING btree (chapter_id);

CREATE TABLE subscriptions (
  id serial PRIMARY KEY,
  group_id integer,
  member_id integer,
  created_at timestamp without time zone,
  updated_at timestamp without time zone
);
CREATE UNIQUE INDEX index_subscriptions_on_member_id_group_id ON subscriptions USING btree (member_id, group_id);

CREATE TABLE workshops (
  id serial PRIMARY KEY,
  chapter_id integer,
  title character varying,
  date_and_time timestamp without time zone,
  invitable boolean DEFAULT true,
  student_spaces integer DEFAULT 0,
  coach_spaces integer DEFAULT 0,
  created_at timestamp without time zone,
  updated_at timestamp without time zone
);

CREATE TABLE workshop_invitations (
  id serial PRIMARY KEY,
  workshop_id integer,
  member_id integer,
  role character varying,
  attending boolean,
  token character varying,
  created_at timestamp without time zone,
  updated_at timestamp without time zone
);
CREATE INDEX index_workshop_invitations_on_member_id ON workshop_invitations USING btree (member_id);
CREATE UNIQUE INDEX index_workshop_invitations_on_token ON workshop_invitations USING btree (token);
CREATE INDEX index_workshop_invitations_on_workshop_id ON workshop_invitations USING btree (workshop_id);

-- One row per batch.
CREATE TABLE invitation_logs (
  id bigserial PRIMARY KEY,
  loggable_type character varying,
  loggable_id bigint,
  initiator_id bigint,
  chapter_id bigint,
  audience character varying NOT NULL,
  action character varying DEFAULT 'invite' NOT NULL,
  total_invitees integer DEFAULT 0,
  success_count integer DEFAULT 0,
  failure_count integer DEFAULT 0,
  skipped_count integer DEFAULT 0,
  started_at timestamp(6) without time zone,
  completed_at timestamp(6) without time zone,
  expires_at timestamp(6) without time zone,
  status character varying DEFAULT 'running' NOT NULL,
  error_message text,
  created_at timestamp(6) without time zone NOT NULL,
  updated_at timestamp(6) without time zone NOT NULL,
  CONSTRAINT fk_rails_invitation_logs_initiator_id FOREIGN KEY (initiator_id) REFERENCES members (id)
);
CREATE INDEX index_invitation_logs_on_loggable ON invitation_logs USING btree (loggable_type, loggable_id);
CREATE INDEX index_invitation_logs_on_initiator_id ON invitation_logs USING btree (initiator_id);
CREATE INDEX index_invitation_logs_on_chapter_id ON invitation_logs USING btree (chapter_id);
CREATE INDEX index_invitation_logs_on_status ON invitation_logs USING btree (status);
CREATE INDEX index_invitation_logs_on_created_at ON invitation_logs USING btree (created_at);
CREATE INDEX index_invitation_logs_on_expires_at ON invitation_logs USING btree (expires_at);
-- While a batch is running, no second batch for the same workshop, audience and action can start.
CREATE UNIQUE INDEX index_invitation_logs_unique_active ON invitation_logs USING btree
  (loggable_type, loggable_id, audience, action, status) WHERE status = 'running';

-- One row per member per invitation per batch.
CREATE TABLE invitation_log_entries (
  id bigserial PRIMARY KEY,
  invitation_log_id bigint NOT NULL,
  member_id bigint NOT NULL,
  invitation_type character varying,
  invitation_id bigint,
  status character varying DEFAULT 'success' NOT NULL,
  failure_reason text,
  processed_at timestamp(6) without time zone,
  created_at timestamp(6) without time zone NOT NULL,
  updated_at timestamp(6) without time zone NOT NULL,
  CONSTRAINT fk_rails_invitation_log_entries_invitation_log_id FOREIGN KEY (invitation_log_id) REFERENCES invitation_logs (id)
);
CREATE INDEX index_invitation_log_entries_on_invitation_log_id ON invitation_log_entries USING btree (invitation_log_id);
CREATE INDEX index_invitation_log_entries_on_invitation_log_id_and_status ON invitation_log_entries USING btree (invitation_log_id, status);
CREATE INDEX index_invitation_log_entries_on_member_id ON invitation_log_entries USING btree (member_id);
CREATE INDEX index_invitation_log_entries_on_member_id_and_processed_at ON invitation_log_entries USING btree (member_id, processed_at);
CREATE INDEX index_invitation_log_entries_on_invitation ON invitation_log_entries USING btree (invitation_type, invitation_id);
-- The incident: unique across all batches, stricter than the model.
CREATE UNIQUE INDEX idx_on_invitation_type_invitation_id_6d6ef495e6 ON invitation_log_entries USING btree (invitation_type, invitation_id);

-- plumb:down

DROP TABLE invitation_log_entries;
DROP TABLE invitation_logs;
DROP TABLE workshop_invitations;
DROP TABLE workshops;
DROP TABLE subscriptions;
DROP TABLE groups;
DROP TABLE bans;
DROP TABLE members;
DROP TABLE chapters;

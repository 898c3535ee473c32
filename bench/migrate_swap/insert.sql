-- One invitation entry per transaction, as the invitation job writes them.
INSERT INTO invitation_log_entries (invitation_log_id, member_id, invitation_type, invitation_id, created_at, updated_at)
VALUES (1 + :client_id, nextval('bench_ids'), 'WorkshopInvitation', nextval('bench_ids'), now(), now());

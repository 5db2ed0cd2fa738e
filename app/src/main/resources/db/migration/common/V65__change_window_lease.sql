-- The instance keeping the change-notification subscriptions holds a lease on the window row
-- instead of a row lock, so Microsoft Graph is never called inside a database transaction (issue 14).
ALTER TABLE change_window ADD COLUMN kept_until TIMESTAMP WITH TIME ZONE;

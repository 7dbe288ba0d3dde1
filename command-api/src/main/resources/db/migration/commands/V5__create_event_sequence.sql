-- Global position of an event. Values are unique and increasing but neither contiguous (rolled-back
-- transactions burn values) nor committed in order.
CREATE SEQUENCE commands.event_sequence AS bigint START WITH 1;

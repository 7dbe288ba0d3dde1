-- the web UI shows an order's mails on its progress page
CREATE INDEX mails_order_id_idx ON notifications.mails (order_id);

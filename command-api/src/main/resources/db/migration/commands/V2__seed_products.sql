INSERT INTO commands.products (sku, name, description, unit_price_cents, currency, position) VALUES
    ('STARTER', 'Starter', 'One workspace for up to 5 users, community support.', 50000, 'EUR', 1),
    ('PROFESSIONAL', 'Professional', 'Unlimited workspaces for up to 50 users, SSO and e-mail support.', 150000, 'EUR', 2),
    ('ENTERPRISE', 'Enterprise', 'Unlimited users, audit log, 99.9% SLA and a named support engineer.', 500000, 'EUR', 3);

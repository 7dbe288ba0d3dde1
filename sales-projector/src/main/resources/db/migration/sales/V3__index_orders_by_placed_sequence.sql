-- A period close finds the orders placed after it with a range scan instead of reading every order.
CREATE INDEX orders_by_placed_sequence ON orders (placed_sequence);

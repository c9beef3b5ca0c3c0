"""Reference central server: FastAPI on SQLAlchemy (SQLite by default, PostgreSQL by URL), stateless
between requests so it can run as many processes behind a load balancer."""

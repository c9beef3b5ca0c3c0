"""The Dinas's web pages on the central server: staff login, the PRR print queue, card-data PDFs, the blanko
ledger, the lists of cards ready to collect, the hand-over (DIAMBIL), the public status page and the head's
dashboard. HTML from Jinja2 templates (autoescaped), PDFs from ReportLab, state only in the database."""

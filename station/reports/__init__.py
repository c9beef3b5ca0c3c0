"""Papers the offices print, sign and file (ReportLab): receipts, queue tickets, daily recaps, progress
reports and PRR lists. Functions take plain data and return PDF bytes; no Qt, no SQL."""

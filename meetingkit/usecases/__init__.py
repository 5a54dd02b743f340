"""What people do with meetingkit, each as one transaction: start, capture, end, export, report.

The CLI, the facilitator's console, the wall and the participant app all call these, so
a use case is written once. Each takes the open `Store` and plain values, never a widget
or a parsed command line, and does its reads and writes inside one
`store.db.transaction()`: a fault part-way (a full disk, a crash, a refused value) leaves
the file exactly as it was. Nothing here imports Textual.
"""

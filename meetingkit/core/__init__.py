"""The rules of meetingkit with no terminal and no SQL: models, agendas, time, text."""

"""The Textual interface: screens call the store, widgets only display and post messages."""

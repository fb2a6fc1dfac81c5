"""Reads an .ics file with the independent `icalendar` library (PyPI) and
prints what the tests check, as JSON: the calendar's PRODID and, per event,
UID, start and end (ISO, with their time zone), status, sequence, summary."""
import json
import sys

import icalendar

with open(sys.argv[1], "rb") as handle:
    calendar = icalendar.Calendar.from_ical(handle.read())

events = []
for event in calendar.walk("VEVENT"):
    events.append(
        {
            "uid": str(event.get("UID")),
            "start": event.decoded("DTSTART").isoformat(),
            "end": event.decoded("DTEND").isoformat(),
            "status": str(event.get("STATUS")),
            "sequence": int(event.get("SEQUENCE", 0)),
            "summary": str(event.get("SUMMARY")),
            "description": str(event.get("DESCRIPTION", "")),
            "location": str(event.get("LOCATION", "")),
        }
    )
print(json.dumps({"prodid": str(calendar.get("PRODID")), "events": events}))

"""Reads a draft (.eml) with Python's own `email` package and its calendar
part with `icalendar`, and prints what the tests check, as JSON: the decoded
headers, the raw ones (to see they are encoded), the MIME tree, the
attachments, the text and the invitation's METHOD, ORGANIZER, ATTENDEEs,
UID, SEQUENCE, times (UTC), STATUS, SUMMARY and DESCRIPTION. With a second
argument (a folder), each attachment is also saved there by its name, for
the tests to read with their own readers (a PDF with pdftotext)."""
import email
import email.policy
import json
import os
import sys

import icalendar

with open(sys.argv[1], "rb") as handle:
    raw = handle.read()
message = email.message_from_bytes(raw, policy=email.policy.default)
raw_message = email.message_from_bytes(raw, policy=email.policy.compat32)


def tree(part):
    if part.is_multipart():
        return {"type": part.get_content_type(), "parts": [tree(p) for p in part.iter_parts()]}
    return {"type": part.get_content_type(), "filename": part.get_filename()}


attachments = []
decoded = []
text = None
calendar = None
for part in message.walk():
    if part.is_multipart():
        continue
    if part.get_content_maintype() == "text" or part.get_content_type() == "application/ics":
        decoded.append((part.get_payload(decode=True) or b"").decode("utf-8", "replace"))
    if part.get_content_type() == "text/plain" and text is None and not part.get_filename():
        text = part.get_content()
    elif part.get_content_type() == "text/calendar" and calendar is None:
        calendar = {
            "method_param": part.get_param("method"),
            "ics": part.get_content(),
        }
    else:
        if len(sys.argv) > 2 and part.get_filename():
            with open(os.path.join(sys.argv[2], os.path.basename(part.get_filename())), "wb") as out:
                out.write(part.get_payload(decode=True) or b"")
        attachments.append(
            {
                "filename": part.get_filename(),
                "type": part.get_content_type(),
                "size": len(part.get_payload(decode=True) or b""),
            }
        )

invitation = None
if calendar:
    cal = icalendar.Calendar.from_ical(calendar["ics"])
    event = next(iter(cal.walk("VEVENT")))
    attendees = event.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    organizer = event.get("ORGANIZER")
    invitation = {
        "method_param": calendar["method_param"],
        "method": str(cal.get("METHOD")),
        "organizer": str(organizer) if organizer else None,
        "organizer_cn": str(organizer.params.get("CN")) if organizer is not None and "CN" in organizer.params else None,
        "attendees": [
            {
                "address": str(a),
                "cn": str(a.params.get("CN")),
                "role": str(a.params.get("ROLE")),
                "rsvp": str(a.params.get("RSVP")),
                "partstat": str(a.params.get("PARTSTAT")),
            }
            for a in attendees
        ],
        "uid": str(event.get("UID")),
        "sequence": int(event.get("SEQUENCE", 0)),
        "start": event.decoded("DTSTART").isoformat(),
        "end": event.decoded("DTEND").isoformat(),
        "status": str(event.get("STATUS")),
        "summary": str(event.get("SUMMARY")),
        "description": str(event.get("DESCRIPTION", "")),
    }

print(
    json.dumps(
        {
            "from": str(message["From"]),
            "to": [str(a) for a in message["To"].addresses] if message["To"] else [],
            "to_addresses": [a.addr_spec for a in message["To"].addresses] if message["To"] else [],
            "cc_addresses": [a.addr_spec for a in message["Cc"].addresses] if message["Cc"] else [],
            "subject": str(message["Subject"]),
            "raw_subject": raw_message["Subject"],
            "raw_to": raw_message["To"],
            "x_unsent": message["X-Unsent"],
            "message_id": message["Message-ID"],
            "date": message["Date"],
            "tree": tree(message),
            "text": text,
            "attachments": attachments,
            "invitation": invitation,
            "defects": [str(d) for d in message.defects],
            "decoded": "\n".join(decoded),
        }
    )
)

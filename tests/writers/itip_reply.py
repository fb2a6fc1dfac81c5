"""Writes a calendar reply (iTIP REPLY, RFC 5546) the way a member's mail
program does, with the independent `icalendar` library (PyPI) and Python's
`email` package: the tests read these back through the app.

Usage: itip_reply.py SPEC_JSON. The spec says where to write (`out`), as
what (`format`: "ics", "eml", or "eml-outlook" — Outlook's reply e-mail,
with the calendar both inline and attached), and what to answer: either
`request` (an invitation .eml or .ics whose UID and SEQUENCE to answer, as
a mail program does) or `uid` and `sequence`; `attendee` (`address`, `cn`,
`partstat`, optional `delegated_to`), optional `delegate` (`address`,
`cn`), `dtstamp` (YYYYMMDDTHHMMSSZ) and `method` (default REPLY).
"""

import datetime
import email
import email.policy
import json
import sys
from email.message import EmailMessage

import icalendar


def request_event(path):
    raw = open(path, "rb").read()
    if raw.lstrip().startswith(b"BEGIN:VCALENDAR"):
        text = raw
    else:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        text = next(
            part.get_content()
            for part in message.walk()
            if part.get_content_type() == "text/calendar"
        )
    calendar = icalendar.Calendar.from_ical(text)
    return next(c for c in calendar.walk() if c.name == "VEVENT")


def address(value, cn, partstat=None, **params):
    prop = icalendar.vCalAddress("mailto:" + value)
    prop.params["CN"] = icalendar.vText(cn)
    if partstat:
        prop.params["PARTSTAT"] = icalendar.vText(partstat)
    for key, val in params.items():
        prop.params[key] = icalendar.vText(val)
    return prop


def main():
    spec = json.loads(sys.argv[1])
    event = icalendar.Event()
    if "request" in spec:
        asked = request_event(spec["request"])
        uid, sequence = str(asked["UID"]), int(asked.get("SEQUENCE", 0))
        event.add("dtstart", asked["DTSTART"].dt)
        event.add("dtend", asked["DTEND"].dt)
        event.add("summary", str(asked["SUMMARY"]))
        if "ORGANIZER" in asked:  # a REQUEST has one, a PUBLISH export not
            event["organizer"] = asked["ORGANIZER"]
    else:
        uid, sequence = spec["uid"], spec["sequence"]
    event.add("uid", uid)
    event.add("sequence", sequence)
    stamp = datetime.datetime.strptime(spec["dtstamp"], "%Y%m%dT%H%M%SZ")
    event.add("dtstamp", stamp.replace(tzinfo=datetime.timezone.utc))
    who = spec["attendee"]
    extra = {}
    if who.get("delegated_to"):
        extra["DELEGATED-TO"] = "mailto:" + who["delegated_to"]
    event.add("attendee", address(who["address"], who["cn"], who["partstat"], **extra))
    if spec.get("delegate"):
        d = spec["delegate"]
        event.add(
            "attendee",
            address(d["address"], d["cn"], "NEEDS-ACTION",
                    **{"DELEGATED-FROM": "mailto:" + who["address"]}),
        )
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Tests//itip_reply.py//EN")
    calendar.add("version", "2.0")
    calendar.add("method", spec.get("method", "REPLY"))
    calendar.add_component(event)
    ics = calendar.to_ical()

    if spec["format"] == "ics":
        open(spec["out"], "wb").write(ics)
        return
    message = EmailMessage()
    message["From"] = f'{who["cn"]} <{who["address"]}>'
    message["To"] = "secretariaat@minjenv.nl"
    message["Subject"] = "Geaccepteerd: Task Force Aanpak Mensenhandel"
    message.set_content(f'{who["cn"]} heeft geantwoord.')
    method = spec.get("method", "REPLY")
    message.add_alternative(
        ics.decode("utf-8"), subtype="calendar", params={"method": method}
    )
    if spec["format"] == "eml-outlook":
        message.make_mixed()
        message.add_attachment(
            ics, maintype="application", subtype="ics", filename="invite.ics"
        )
    open(spec["out"], "wb").write(message.as_bytes(policy=email.policy.SMTP))


if __name__ == "__main__":
    main()

"""CLI `new`: a new event file with its hubs and venues, as the New Event wizard writes it."""

from __future__ import annotations

import argparse
from pathlib import Path

from learningday.errors import InvalidInput
from ui.cli.base import command


def _option(option: str, text: str, parse):
    """``parse(text)``, its error prefixed with the option that gave the text."""
    try:
        return parse(text)
    except InvalidInput as exc:
        raise InvalidInput(f"{option} {text!r}: {exc.message}") from None


def _configure_new(p: argparse.ArgumentParser) -> None:
    p.add_argument("out", metavar="OUT.lday", type=Path, help="the event file to write (never overwritten)")
    p.add_argument("--name", required=True, help="the event's name")
    p.add_argument("--start", required=True, metavar="ISO",
                   help="when it starts, e.g. 2027-03-10T09:00 (read in --zone) or 2027-03-09T21:00Z")
    p.add_argument("--hub", action="append", required=True, dest="hubs", metavar="CITY=ZONE[@09:00-17:00]",
                   help="a hub: 'Bangalore', 'HQ=Europe/London' or 'Kathmandu=Asia/Kathmandu@08:30-16:30'; "
                   "repeat for each hub")
    p.add_argument("--venue", action="append", default=[], dest="rooms", metavar="NAME[@HUB][:SEATS]",
                   help="a room: 'Room A', 'Room A@Bangalore' or 'Room A@Bangalore:40'; repeat for each room")
    p.add_argument("--channel", action="append", default=[], dest="channels", metavar="NAME[@HUB][:SEATS]",
                   help="a virtual channel, written as --venue; repeat for each channel")
    p.add_argument("--virtual-per-hub", action="store_true",
                   help="add a virtual channel for each hub, called '<hub> online'")
    p.add_argument("--theme", default="", help="the event's theme")
    p.add_argument("--hours", type=float, default=24.0, metavar="H", help="length in hours (default 24)")
    p.add_argument("--zone", default="UTC", metavar="ZONE",
                   help="the zone (or city) a --start without an offset is given in (default UTC)")


@command("new", "write a new event file: name, start, hubs with working hours, venues")(_configure_new)
def cmd_new(args: argparse.Namespace) -> int:
    from learningday.setup.clock import clock_label, local_time
    from learningday.setup.event import check_event, create_event_file
    from learningday.setup.new_event import channels_per_hub, parse_hub, parse_venue, start_in_zone, zone_of
    from learningday.setup.rules import hhmm, name_key
    from learningday.timeutil import iso

    zone = _option("--zone", args.zone, zone_of)
    start = _option("--start", args.start, lambda text: start_in_zone(text, zone))
    hubs = [_option("--hub", text, parse_hub) for text in args.hubs]
    venues = [_option("--venue", text, parse_venue) for text in args.rooms]
    venues += [_option("--channel", text, lambda t: parse_venue(t, "virtual")) for text in args.channels]
    venues += channels_per_hub(hubs) if args.virtual_per_hub else []
    minutes = round(args.hours * 60)
    check_event(name=args.name, start_utc=start, length_minutes=minutes, hubs=hubs, venues=venues)
    out = create_event_file(args.out, name=args.name, theme=args.theme, start_utc=start, length_minutes=minutes,
                            hubs=hubs, venues=venues)
    print(f"wrote {out}: {args.name.strip()}, {iso(start)} for {minutes / 60:g} h")
    for hub in hubs:
        local = local_time(start, hub.zone)
        print(f"  {hub.name:<18} {hub.zone:<30} {clock_label(start, hub.zone):<18} starts {local:%a %d %b %H:%M}"
              f"  works {hhmm(hub.work_start_min)}-{hhmm(hub.work_end_min)}")
    hub_names = {name_key(hub.name): hub.name for hub in hubs}
    for venue in venues:
        seats = "" if venue.capacity is None else f"  {venue.capacity} seats"
        where = f" at {hub_names[name_key(venue.hub)]}" if venue.hub else ""
        print(f"  {venue.name:<18} {'virtual channel' if venue.kind == 'virtual' else 'room'}{where}{seats}")
    return 0

#!/usr/bin/python3
"""An ordinary XMPP client (slixmpp, not Dispatch's Java) in an order's room, as a customer or a courier would be.

Signs in with SCRAM over the plain link (the local Prosody offers no TLS), joins the room, says --say once it has
joined, prints every room message as a JSON line ({"nick": ..., "body": ...}; history included) and exits 0 once every
--expect text was seen in some message. Exit 2: not every --expect within --timeout. Exit 3: the sign-in or the join
was refused; the XMPP error condition is printed as {"error": ...} (with --expect-refusal CONDITION, that one is exit 0).
"""
import argparse
import asyncio
import json
import sys

import slixmpp
from slixmpp.exceptions import IqError, PresenceError


def out(record):
    print(json.dumps(record), flush=True)


class RoomMember(slixmpp.ClientXMPP):
    def __init__(self, args):
        super().__init__(args.jid, args.password)
        self.args = args
        self.pending = list(args.expect)
        self.code = None
        self.register_plugin("xep_0045")
        self.add_event_handler("session_start", self.on_session)
        self.add_event_handler("failed_auth", self.on_failed_auth)
        self.add_event_handler("groupchat_message", self.on_message)
        # A refused join comes back as an error presence from the room (slixmpp's join_muc_wait may not raise it).
        self.add_event_handler("presence_error", self.on_presence_error)

    def finish(self, code):
        if self.code is None:
            self.code = code
            self.disconnect()

    def on_failed_auth(self, _event):
        self.refused("not-authorized")

    def refused(self, condition):
        out({"error": condition})
        self.finish(0 if self.args.expect_refusal == condition else 3)

    async def on_session(self, _event):
        self.send_presence()
        try:
            await self.plugin["xep_0045"].join_muc_wait(self.args.room, self.args.nick, timeout=self.args.timeout)
        except PresenceError as error:
            self.refused(error.condition)
            return
        except (IqError, asyncio.TimeoutError) as error:
            self.refused(getattr(error, "condition", "timeout"))
            return
        out({"joined": self.args.room})
        if self.args.expect_refusal:
            self.finish(3)
            return
        if self.args.say:
            self.send_message(mto=self.args.room, mbody=self.args.say, mtype="groupchat")
        self.check()

    def on_presence_error(self, presence):
        if presence["from"].bare == self.args.room:
            self.refused(presence["error"]["condition"])

    def on_message(self, message):
        if message["mucroom"] != self.args.room or not message["body"]:
            return
        out({"nick": message["mucnick"], "body": message["body"]})
        self.pending = [text for text in self.pending if text not in message["body"]]
        self.check()

    def check(self):
        if not self.pending:
            self.finish(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jid", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5222)
    parser.add_argument("--room", required=True)
    parser.add_argument("--nick", required=True)
    parser.add_argument("--say")
    parser.add_argument("--expect", action="append", default=[])
    parser.add_argument("--expect-refusal")
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()

    member = RoomMember(args)
    member.connect((args.host, args.port), disable_starttls=True, force_starttls=False)
    loop = asyncio.get_event_loop()
    try:
        loop.run_until_complete(asyncio.wait_for(member.disconnected, args.timeout))
    except asyncio.TimeoutError:
        out({"missing": member.pending})
        sys.exit(2)
    sys.exit(member.code if member.code is not None else 2)


if __name__ == "__main__":
    main()

"""An SMTP server handler for the end-to-end tests (python3-aiosmtpd):

    python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Handler DIR

stores each message it accepts as DIR/N.eml, the envelope first as
X-Envelope-From and X-Envelope-To headers. A recipient whose local part
starts with "reject" is refused with 550, one starting with "tempfail" with
451, so that tests can see both kinds of failure."""

import os


class Handler:
    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.Handler takes the directory to store messages in")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("reject"):
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        if local.startswith("tempfail"):
            return "451 4.3.0 <%s>: try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        n = len([f for f in os.listdir(self.directory) if f.endswith(".eml")])
        head = "X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n" % (
            envelope.mail_from, ", ".join(envelope.rcpt_tos))
        path = os.path.join(self.directory, "%d.eml" % n)
        with open(path + ".part", "wb") as f:
            f.write(head.encode() + envelope.original_content)
        os.rename(path + ".part", path)
        return "250 2.0.0 Ok: queued as M%d" % n

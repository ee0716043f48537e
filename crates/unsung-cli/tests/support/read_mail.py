"""Reads one message the test SMTP server received with Python's own MIME parser (the email
package, modern policy) and reports it part by part as JSON; the PNG and PDF parts are written
beside it for the test to open.

    python read_mail.py MESSAGE.eml
"""

import email
import email.policy
import json
import re
import sys


def tree(part):
    if part.is_multipart():
        return {part.get_content_type(): [tree(p) for p in part.iter_parts()]}
    return part.get_content_type()


def main():
    path = sys.argv[1]
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    report = {
        "defects": [str(d) for d in message.defects],
        "subject": message["Subject"],
        "from": message["From"],
        "to": message["To"],
        "cc": message["Cc"],
        "bcc": message["Bcc"],
        "message_id": message["Message-ID"],
        "date": message["Date"],
        "content_language": message["Content-Language"],
        "mime_version": message["MIME-Version"],
        "structure": tree(message),
    }
    for part in message.walk():
        report["defects"] += [str(d) for d in part.defects]
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if kind == "text/plain":
            report["text"] = part.get_content()
        elif kind == "text/html":
            html = part.get_content()
            report["html"] = html
            report["html_has_script"] = bool(re.search(r"<\s*script", html, re.I))
            report["html_event_handlers"] = re.findall(r"\son[a-z]+\s*=", html, re.I)
            report["html_remote"] = re.findall(
                r"(?:src|href|url)\s*[=(]\s*['\"]?\s*((?:https?:)?//[^'\" )>]+)", html, re.I
            )
            report["html_img_sources"] = re.findall(r"<img[^>]*\ssrc=\"([^\"]+)\"", html, re.I)
        elif kind == "image/png":
            data = part.get_content()
            report["png_content_id"] = part["Content-ID"]
            report["png_disposition"] = part.get_content_disposition()
            report["png_path"] = path + ".png"
            with open(report["png_path"], "wb") as f:
                f.write(data)
        elif kind == "application/pdf":
            data = part.get_content()
            report["pdf_disposition"] = part.get_content_disposition()
            report["pdf_filename"] = part.get_filename()
            report["pdf_path"] = path + ".pdf"
            with open(report["pdf_path"], "wb") as f:
                f.write(data)
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()

"""JSON that refuses duplicate keys and absurd nesting instead of guessing, in the reader's
language (a generated client's outside test found these refusals in English only)."""

import codecs
import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError, UnsupportedMediaType
from rest_framework.parsers import JSONParser


def _no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ParseError(_("Duplicate key '%(key)s' in JSON object.") % {"key": key})
        seen[key] = value
    return seen


def _utf_8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:  # no codec of that name
        return False


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        # JSON is UTF-8 (RFC 8259, 8.1). Another charset was decoded as sent (latin-1 stored
        # "cafÃ©"), and one that is no text codec (rot13, base64) answered 500 (an attacker's
        # outside test).
        if not _utf_8(encoding):
            raise UnsupportedMediaType(
                media_type,
                _("A JSON body is read as UTF-8 only (the request says charset=%(charset)s).")
                % {"charset": encoding},
            )
        try:
            text = stream.read().decode(encoding)
            return json.loads(text, object_pairs_hook=_no_duplicates)
        except ParseError:
            raise
        except RecursionError:
            raise ParseError(_("JSON nested too deeply."))
        except UnicodeDecodeError as exc:  # its text names Python's codec
            raise ParseError(
                _("The body is not %(encoding)s text (at byte %(byte)s).")
                % {"encoding": encoding, "byte": exc.start}
            )
        except json.JSONDecodeError as exc:
            raise ParseError(  # where, not Python's English of why
                _("Malformed JSON at line %(line)s, column %(column)s.")
                % {"line": exc.lineno, "column": exc.colno}
            )
        except ValueError:  # a number past Python's digits limit; its text names sys's setting
            raise ParseError(_("Malformed JSON: a number has too many digits."))

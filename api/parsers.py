"""JSON that refuses duplicate keys and absurd nesting instead of guessing, in the reader's
language (a generated client's outside test found these refusals in English only)."""

import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def _no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ParseError(_("Duplicate key '%(key)s' in JSON object.") % {"key": key})
        seen[key] = value
    return seen


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
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

"""JSON that refuses duplicate keys and absurd nesting instead of guessing."""

import json

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def _no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ParseError(f"Duplicate key '{key}' in JSON object.")
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
            raise ParseError("JSON nested too deeply.")
        except UnicodeDecodeError as exc:  # its text names Python's codec
            raise ParseError(f"The body is not {encoding} text (at byte {exc.start}).")
        except json.JSONDecodeError as exc:
            raise ParseError(f"Malformed JSON: {exc}")
        except ValueError:  # a number past Python's digits limit; its text names sys's setting
            raise ParseError("Malformed JSON: a number has too many digits.")

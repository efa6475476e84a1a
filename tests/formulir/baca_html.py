"""Read the forms of a rendered page as a browser would send them: every <form> with its
address (action, hx-post) and the name/value pairs of its fields (text inputs and hidden
inputs, checked boxes, selected options, textareas). Submit buttons are not included;
pass their name/value yourself."""

from html.parser import HTMLParser


class _Formulir(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None
        self._select_first = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"attrs": a, "data": []}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._form["data"].append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = {"name": name, "chosen": False, "multiple": "multiple" in a}
            self._select_first = None
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._form["data"].append((self._select["name"], value))
                self._select["chosen"] = True
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            s = self._select
            if not s["chosen"] and not s["multiple"] and self._select_first is not None:
                self._form["data"].append((s["name"], self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, text = self._textarea
            # The HTML parser keeps the newline a browser drops right after <textarea>.
            self._form["data"].append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def formulir(html):
    """[{"attrs": {...}, "data": [(name, value), ...]}, ...] of every form of the page."""
    parser = _Formulir()
    parser.feed(html)
    return parser.forms


def sebagai_post(data):
    """The pairs as a dict Django's test client posts (repeated names become lists)."""
    out = {}
    for name, value in data:
        out.setdefault(name, []).append(value)
    return {k: v if len(v) > 1 else v[0] for k, v in out.items()}

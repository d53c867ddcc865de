"""Every user-visible string in bpviz/ui goes through Qt's translation.

The test reads every bpviz/ui/**/*.py with `ast` and looks at the calls that put text on the
screen (Qt setters and constructors, message boxes, file dialogs' captions, pyqtgraph axis
labels, and the project's own helpers that take a label or a tooltip). An argument that is a
str literal or an f-string with a letter in it, not inside `tr(...)` / `translate(...)` /
`QT_TR_NOOP` / `QT_TRANSLATE_NOOP`, is reported as file:line. Strings joined with `+`,
`.format(...)`, `.join(...)` or chosen with `... if ... else ...` are looked into too.

Not text for a translator, so never reported: HTML tags and entities, maths notation (every
run of letters one letter long: "η =", "x = a⁰ (2)", "∂C/∂W³"), object names and other
snake_case identifiers given to the project's helpers, key sequences, default file names and
the glob patterns of file filters. Anything else that must stay as it is goes in ALLOWED with
its reason.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "bpviz" / "ui"

# Qt and pyqtgraph calls that show their text arguments (every positional argument and every
# keyword argument except those in SKIP_KEYWORDS is looked at, unless ONLY says which).
QT_TEXT_CALLS = {
    "setText", "setToolTip", "setStatusTip", "setWhatsThis", "setPlaceholderText",
    "setWindowTitle", "setAccessibleName", "setAccessibleDescription", "setTitle", "setHtml",
    "setPlainText", "setLabel", "setLabelText", "setFormat", "setSuffix", "setPrefix",
    "setSpecialValueText", "setTabText", "setTabToolTip", "setItemText", "setItemToolTip",
    "setInformativeText", "setDetailedText", "setCancelButtonText", "setButtonText",
    "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setHeaderLabels", "showMessage",
    "addItem", "addItems", "insertItem", "insertItems", "addMenu", "addAction", "addTab",
    "insertTab", "addRow", "addButton", "QLabel", "QPushButton", "QCheckBox", "QRadioButton",
    "QToolButton", "QCommandLinkButton", "QAction", "QGroupBox", "QDockWidget", "QToolBar",
    "QMenu", "QTableWidgetItem", "QListWidgetItem", "QProgressDialog", "QMessageBox",
    "information", "warning", "critical", "question", "about", "getText", "getInt", "getDouble",
    "getItem", "getSaveFileName", "getOpenFileName", "getOpenFileNames", "getExistingDirectory",
    "TextItem", "InfiniteLine",
}
# the project's helpers that take a label, an accessible name, a tooltip or a message;
# their snake_case arguments are object names and are not looked at
HELPER_CALLS = {
    "make_action", "CheckedField", "_button", "_label", "_spin", "_slider", "_action", "button",
    "labelled", "_dock", "closable_dock", "ask_large", "run_off_gui_thread", "EditValueDialog",
    "save_with_dialog", "_fail", "_write", "_ask", "show_vectors", "show_matrix", "tell", "_refuse",
    "show_error", "show_check", "BpvizError",
}
# positional arguments that are not text: pyqtgraph's axis side, the default file name of a
# file dialog, a combo box item's data
ONLY = {"setLabel": {1}, "addItem": {0}, "insertItem": {1}, "getSaveFileName": {1, 3},
        "getOpenFileName": {1, 3}, "getOpenFileNames": {1, 3}, "getExistingDirectory": {1}}
SKIP_KEYWORDS = {"objectName", "name", "units", "userData", "shortcut", "shortcuts", "dir",
                 "color", "pen", "brush", "anchor", "labelOpts", "angle", "pos", "movable"}
WRAPPERS = {"tr", "translate", "QT_TR_NOOP", "QT_TRANSLATE_NOOP"}

# (file under bpviz/ui, the literal text with "{}" for each formatted value) -> why it stays
ALLOWED = {
    ("main_window.py", "bpviz"): "the window title is the program's name",
}

MARKUP = re.compile(r"<[^>]*>|&#?\w+;")
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")                      # object names, keys
KEYS = re.compile(r"^((Ctrl|Shift|Alt|Meta)\+.*|Right|Left|Up|Down|Space|Return|F\d+|[A-Z])$")
FILE_NAME = re.compile(r"^[\w{}.-]+\.(json|csv|png|txt)$")
FILTER = re.compile(r"^\s*(?:[A-Z0-9]+ )?\((?:\*\.?\w*\s*)+\)(?:;;)?\s*$|^\s*;;\s*$")


def _name(func) -> str | None:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None


def _literal_text(node) -> str:
    """The literal characters of a str constant or an f-string ("{}" for a formatted value)."""
    if isinstance(node, ast.Constant):
        return node.value
    return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)


def _bare(node) -> list:
    """The str literals and f-strings in `node` that no translation call wraps."""
    if isinstance(node, ast.Constant):
        return [node] if isinstance(node.value, str) else []
    if isinstance(node, ast.JoinedStr):
        return [node]
    if isinstance(node, ast.Call):
        name = _name(node.func)
        if name in WRAPPERS:
            return []
        if name in {"format", "join"} and isinstance(node.func, ast.Attribute):
            return _bare(node.func.value) + [b for a in node.args for b in _bare(a)]
        return []
    if isinstance(node, ast.BinOp):
        return _bare(node.left) + _bare(node.right)
    if isinstance(node, ast.IfExp):
        return _bare(node.body) + _bare(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [b for v in node.values for b in _bare(v)]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [b for e in node.elts for b in _bare(e)]
    if isinstance(node, ast.ListComp):
        return _bare(node.elt)
    return []


def _has_word(text: str) -> bool:
    """Two letters in a row (superscripts and modifier letters such as ˡ do not count)."""
    run = 0
    for ch in text:
        run = run + 1 if unicodedata.category(ch) in ("Lu", "Ll", "Lt", "Lo") else 0
        if run == 2:
            return True
    return False


def _needs_translation(text: str, helper: bool) -> bool:
    if not _has_word(MARKUP.sub("", text).replace("{}", " ")):     # no letter, or maths only
        return False
    if KEYS.match(text) or FILE_NAME.match(text) or FILTER.match(text):
        return False
    return not (helper and IDENTIFIER.match(text))


def untranslated(path: Path, root: Path = UI) -> list[str]:
    """'file:line: text' for each visible string in `path` not sent through translation."""
    rel = path.relative_to(root).as_posix()
    found = []
    for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(call, ast.Call):
            continue
        name = _name(call.func)
        helper = name in HELPER_CALLS
        if name not in QT_TEXT_CALLS and not helper:
            continue
        only = ONLY.get(name)
        args = [a for i, a in enumerate(call.args) if only is None or i in only]
        args += [k.value for k in call.keywords if k.arg not in SKIP_KEYWORDS]
        for arg in args:
            for node in _bare(arg):
                text = _literal_text(node)
                if _needs_translation(text, helper) and (rel, text) not in ALLOWED:
                    found.append(f"bpviz/ui/{rel}:{node.lineno}: {name}: {text!r}")
    return found


def test_every_visible_string_in_the_ui_is_translatable():
    found = [line for path in sorted(UI.rglob("*.py")) for line in untranslated(path)]
    assert not found, ("wrap these in self.tr(...) or QCoreApplication.translate(...), or add "
                       "them to ALLOWED with a reason:\n" + "\n".join(found))


def test_the_check_finds_unwrapped_strings(tmp_path):
    """The check itself: it reports bare literals and f-strings, and passes wrapped ones."""
    source = tmp_path / "sample.py"
    source.write_text(
        "label = QLabel('Loss curve')\n"
        "label.setToolTip(f'epoch {n}')\n"
        "bar.showMessage('Saved ' + name)\n"
        "item.setLabel('bottom', 'epoch')\n"
        "make_action(w, 'open_model', 'Open model', 'Open', 'Ctrl+O', f, 'Load one')\n"
        "ok = QLabel(self.tr('Loss curve'))\n"
        "ok.setToolTip(self.tr('epoch {0}').format(n))\n"
        "ok.setText(QCoreApplication.translate('Ctx', 'Saved {0}').format(name))\n"
        "ok.setText(f'<b>{title}</b>{note}')\n"
        "ok.setObjectName('loss_plot')\n"
        "box.addItem(self.tr('auto'), 'auto')\n",
        encoding="utf-8")
    found = untranslated(source, tmp_path)
    assert [line.split(":")[1] for line in found] == ["1", "2", "3", "4", "5", "5", "5"]
    assert "'Open model'" in found[4] and "'Open'" in found[5] and "'Load one'" in found[6]


def test_allowed_entries_are_still_used():
    """An allow-list entry whose string is gone would hide a future mistake: keep it exact."""
    texts = {}
    for path in UI.rglob("*.py"):
        rel = path.relative_to(UI).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Constant, ast.JoinedStr)) and (
                    isinstance(node, ast.JoinedStr) or isinstance(node.value, str)):
                texts.setdefault(rel, set()).add(_literal_text(node))
    stale = [key for key in ALLOWED if key[1] not in texts.get(key[0], set())]
    assert not stale

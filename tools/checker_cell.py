"""The notebook's checker cell: tools/checker.py inside a function, with each exercise's verified
answer, the technicalities its question asks about, the messages and the answer's name given as
literals. The learner's namespace gains the checker function alone.

An answer is a literal such as `T("float32", (3,), "<bytes in base64>")`: a tensor bit for bit.
A float's last bit differs between CPUs, so a committed answer stays as it is wherever the checker
itself calls it the same as this run's (`keep_committed`): a notebook generated on one machine
neither drifts nor is rewritten on another.
"""

from __future__ import annotations

import ast
import base64
import math
from pathlib import Path

# tools/checker.py imports torch, which the site's build (it reads this module) never needs:
# the functions that judge import it.
MODULE = Path(__file__).with_name("checker.py")
FUNCTION = "_exercise_checker"


def literal(value: object) -> str:
    """Python source that the checker cell turns back into `value` (tensors bit for bit)."""
    import torch

    if isinstance(value, torch.Tensor):
        tensor = value.detach().cpu().resolve_conj().resolve_neg().contiguous()
        raw = tensor.reshape(-1).view(torch.uint8).numpy().tobytes() if tensor.numel() else b""
        dtype = str(tensor.dtype).removeprefix("torch.")
        grad = ", requires_grad=True" if value.requires_grad else ""
        return f'T("{dtype}", {tuple(tensor.shape)!r}, "{base64.b64encode(raw).decode()}"{grad})'
    if isinstance(value, torch.Size):
        return f"torch.Size({list(value)!r})"
    if isinstance(value, torch.dtype):
        return str(value)
    if isinstance(value, torch.device):
        return f"torch.device({str(value)!r})"
    if isinstance(value, float) and not math.isfinite(value):
        return f'float("{value}")'
    if value is None or isinstance(value, (bool, int, float, complex, str)):
        return repr(value)
    if isinstance(value, tuple):
        return "(" + "".join(f"{literal(item)}, " for item in value).rstrip(" ") + ")"
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    return f"Obj({type(value).__name__!r})"


def decode(source: str) -> object:
    """The value a literal stands for, as the checker cell reads it."""
    import torch

    from tools import checker

    names = {"__builtins__": {}, "T": checker.T, "Obj": checker.Obj, "torch": torch, "float": float}
    return eval(compile(source, "<answer>", "eval"), names)


def mapping(entries: dict, indent: str) -> str:
    """A dict of literals, one entry a line."""
    if not entries:
        return "{}"
    lines = "".join(f"{indent}    {key!r}: {value},\n" for key, value in entries.items())
    return "{\n" + lines + indent + "}"


def cell_source(
    title: str,
    function: str,
    answer: str,
    messages: dict[str, str],
    literals: dict[int, str],
    asked: dict[int, tuple[str, ...]],
) -> str:
    """The cell: `# @title`, then the module's code in a function that returns `check`, bound
    to `function` (`check_exercise`); the module's docstring gives way to the title."""
    source = MODULE.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    values = {
        "EXPECTED": mapping(literals, "    "),
        "STRICT": mapping({n: repr(tuple(a)) for n, a in asked.items()}, "    "),
        "MESSAGES": mapping({k: repr(v) for k, v in messages.items()}, "    "),
        "ANSWER": repr(answer),
    }
    docstring = tree.body[0]
    for node in reversed(tree.body):  # bottom up, so earlier line numbers stay right
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        name = getattr(target, "id", None)
        if name in values:
            comment = lines[node.end_lineno - 1].partition("  #")[2]
            comment = f"  #{comment}" if comment else ""
            lines[node.lineno - 1 : node.end_lineno] = [f"{name} = {values.pop(name)}{comment}"]
    if values:
        raise LookupError(f"{MODULE}: no assignment to {', '.join(values)} to fill in")
    body = lines[docstring.end_lineno :] if isinstance(docstring, ast.Expr) else lines
    while body and not body[0].strip():
        body.pop(0)
    indented = "\n".join(f"    {line}" if line.strip() else "" for line in body)
    return (
        f"# @title {title}\n"
        f"def {FUNCTION}():\n{indented}\n    return check\n\n\n"
        f"{function} = {FUNCTION}()\n"
        f"del {FUNCTION}\n"
    )


def committed_literals(source: str | None) -> dict[int, str]:
    """Exercise number -> its answer's literal, as a committed checker cell holds it."""
    try:
        tree = ast.parse(source) if source else None
    except SyntaxError:
        return {}  # edited by hand: nothing kept, so it differs from the generator's
    for node in ast.walk(tree) if tree else ():
        targets = [getattr(target, "id", "") for target in getattr(node, "targets", [])]
        if targets == ["EXPECTED"] and isinstance(node.value, ast.Dict):
            return {
                key.value: ast.get_source_segment(source, value) or ""
                for key, value in zip(node.value.keys, node.value.values, strict=True)
                if isinstance(key, ast.Constant) and isinstance(key.value, int)
            }
    return {}


def same(committed: object, fresh: object) -> bool:
    """Whether the checker takes the committed answer for this run's: same values within its
    tolerance, nothing else differing."""
    from tools import checker

    return checker.judge(committed, fresh) == ("correct", [])


def keep_committed(answers: dict[int, object], committed: dict[int, str]) -> dict[int, str]:
    """Each answer as a literal; where the committed literal is the same answer (`same`), the
    committed literal."""
    literals = {}
    for number, answer in answers.items():
        literals[number] = literal(answer)
        kept = committed.get(number)
        if kept is None or kept == literals[number]:
            continue
        try:
            value = decode(kept)
        except Exception:  # a literal edited by hand into one that cannot be read
            continue
        if same(value, answer):
            literals[number] = kept
    return literals

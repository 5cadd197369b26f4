"""The exercise checker a lesson's notebook runs: `check(number, answer)` says whether a learner's
answer is the verified one, and what differs when it isn't, as a teacher would.

It compares values first. When they are right, it says so, and explains each technicality that
differs from the solution (still requires grad, integer dtype, float64, a list or a plain number
where the solution has a tensor) instead of rejecting the answer on it, unless the exercise's
question asks about it (STRICT). Floats count as equal within RTOL and ATOL: a value 1% off is
wrong (tests/test_checker.py pins both).

A notebook's checker cell is this file's code inside a function, with EXPECTED, STRICT, MESSAGES
and ANSWER given as literals (tools/checker_cell.py): the learner's namespace gains the checker
function alone. So this module needs nothing but the standard library and torch, and keeps no
other module-level state.
"""

import base64
import numbers
from collections.abc import Iterable

import torch

RTOL = 1e-4  # relative tolerance of a float; tests/test_checker.py fails if it widens
ATOL = 1e-5  # absolute tolerance, for values near zero


def T(dtype, shape, data, requires_grad=False):
    """A tensor, bit for bit, from its dtype's name, its shape and its bytes in base64."""
    raw = bytearray(base64.b64decode(data))
    kind = getattr(torch, dtype)
    flat = torch.frombuffer(raw, dtype=kind) if raw else torch.empty(0, dtype=kind)
    return flat.reshape(shape).clone().requires_grad_(requires_grad)


class Obj:
    """An object compared by the name of its type, e.g. a `grad_fn` node."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Obj({self.name!r})"


# The notebook's checker cell gives these as literals (tools/checker_cell.py).
EXPECTED: dict = {}  # exercise number -> its verified answer
STRICT: dict = {}  # exercise number -> the technicalities its question asks about
MESSAGES: dict = {}  # message key -> text in the notebook's language (tools/notebook_text.py)
ANSWER = "answer"  # the name the learner binds the answer to

# What each note is about: an exercise whose question asks about it gets no "correct" for it.
ABOUT = {
    "tracked": "requires_grad",
    "untracked": "requires_grad",
    "integers": "dtype",
    "float64": "dtype",
    "mask": "dtype",
    "dtype": "dtype",
    "type": "type",
    "to_tensor": "type",
    "stack": "type",
    "item": "type",
    "tolist": "type",
    "node": "type",
    "shape": "shape",
}


def show(value):
    """A value as a message shows it: floats to six significant digits."""
    if isinstance(value, float):
        return f"{value:.6g}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def close(got, want):
    """Two Python numbers, equal within the tolerance (NaN equals NaN)."""
    if isinstance(got, int) and isinstance(want, int):
        return got == want
    if got != got and want != want:
        return True
    return got == want or abs(got - want) <= ATOL + RTOL * abs(want)


def as_tensor(value):
    """A learner's list, tuple or number as a tensor, with the note saying how; None if it isn't
    one. A list of tensors is stacked, as `torch.stack` would."""
    items = list(value) if isinstance(value, (list, tuple)) else []
    if items and all(isinstance(item, torch.Tensor) for item in items):
        try:
            return torch.stack([item.detach() for item in items]), "stack"
        except RuntimeError:
            return None
    if isinstance(value, (str, bytes, dict)) or value is None:
        return None
    try:
        return torch.as_tensor(value), "to_tensor"
    except (TypeError, ValueError, RuntimeError):
        return None


def compare_tensors(got, want, notes):
    if isinstance(got, torch.Tensor):
        tensor = got.detach()
        if got.requires_grad != want.requires_grad:
            notes.append(("tracked" if got.requires_grad else "untracked", {}))
    else:
        converted = as_tensor(got)
        if converted is None:
            return "type", {"got": type(got).__name__, "want": "Tensor"}
        tensor, how = converted
        notes.append((how, {"got": type(got).__name__}))
    want = want.detach()
    if tensor.shape != want.shape:
        if tensor.numel() != want.numel() or tensor.squeeze().shape != want.squeeze().shape:
            return "shape", {"got": tuple(tensor.shape), "want": tuple(want.shape)}
        notes.append(("shape", {"got": tuple(tensor.shape), "want": tuple(want.shape)}))
        tensor = tensor.reshape(want.shape)
    if isinstance(got, torch.Tensor) and tensor.dtype != want.dtype:
        notes.append(
            (dtype_note(tensor.dtype, want.dtype), {"got": tensor.dtype, "want": want.dtype})
        )
    if tensor.is_complex() or want.is_complex():
        same = torch.isclose(
            tensor.to(torch.complex128), want.to(torch.complex128), RTOL, ATOL, True
        )
    elif tensor.is_floating_point() or want.is_floating_point():
        same = torch.isclose(tensor.to(torch.float64), want.to(torch.float64), RTOL, ATOL, True)
    else:
        same = tensor.to(torch.int64) == want.to(torch.int64)
    if bool(same.all()):
        return None
    if want.dim() == 0:
        return "value", {"got": show(tensor.item()), "want": show(want.item())}
    wrong = (~same).nonzero()
    first = tuple(wrong[0].tolist())
    return "values", {
        "count": len(wrong),
        "total": same.numel(),
        "index": ", ".join(map(str, first)),
        "got": show(tensor[first].item()),
        "want": show(want[first].item()),
    }


def dtype_note(got, want):
    if got == torch.bool:
        return "mask"
    if want.is_floating_point and not (got.is_floating_point or got.is_complex):
        return "integers"
    if got == torch.float64 and want.is_floating_point:
        return "float64"
    return "dtype"


def compare_numbers(got, want, notes):
    """A Python number (int, float or complex, not a bool); a one-value tensor gives its own."""
    if isinstance(got, torch.Tensor) and got.numel() == 1:
        notes.append(("item", {}))
        got = got.item()
    if isinstance(got, bool) or not isinstance(got, numbers.Number):
        return "type", {"got": type(got).__name__, "want": type(want).__name__}
    if not close(got, want):
        return "value", {"got": show(got), "want": show(want)}
    if type(got) is not type(want):  # 5.0 where the solution counts 5
        notes.append(("type", {"got": type(got).__name__, "want": type(want).__name__}))
    return None


def compare_sequences(got, want, where, notes):
    """A list or tuple (either one will do); a tensor of numbers where the solution has a list of
    numbers gives its `tolist()`."""
    plain = all(isinstance(item, numbers.Number) for item in want)
    if isinstance(got, torch.Tensor) and got.dim() > 0 and plain:
        notes.append(("tolist", {}))
        got = got.tolist()
    elif isinstance(got, Iterable) and not isinstance(got, (str, bytes, dict, torch.Tensor)):
        got = list(got)  # dict keys, a generator: what `list()` of it gives
    else:
        return "type", {"got": type(got).__name__, "want": type(want).__name__}
    if len(got) != len(want):
        return "length", {"got": len(got), "want": len(want)}
    for index, (got_item, want_item) in enumerate(zip(got, want, strict=True)):
        problem = compare(got_item, want_item, f"{where}[{index}]", notes)
        if problem:
            return problem
    return None


def compare(got, want, where, notes):
    """What differs between the learner's value and the solution's, as (message key, fields),
    or None when the values are right. Each technicality on the way is appended to `notes` as
    (message key, fields, where)."""
    own: list = []
    problem = compare_value(got, want, where, own)
    notes.extend((key, {"where": where, **fields}) for key, fields in own)
    if problem is not None:
        key, fields = problem
        return key, {"where": where, **fields}
    return None


def compare_value(got, want, where, notes):
    if isinstance(want, torch.Tensor):
        return compare_tensors(got, want, notes)
    if isinstance(want, Obj):
        name = type(got).__name__
        return None if name == want.name else ("type", {"got": name, "want": want.name})
    if isinstance(want, bool):
        if isinstance(got, torch.Tensor) and got.numel() == 1 and got.dtype == torch.bool:
            notes.append(("item", {}))
            got = got.item()
        if not isinstance(got, bool):
            return "type", {"got": type(got).__name__, "want": "bool"}
        return None if got == want else ("value", {"got": show(got), "want": show(want)})
    if isinstance(want, numbers.Number):
        return compare_numbers(got, want, notes)
    if isinstance(want, str) and not isinstance(got, str):
        name = getattr(got, "name", None)  # a graph node where the solution has its name
        if callable(name) and name() == want:
            notes.append(("node", {}))
            return None
        return "type", {"got": type(got).__name__, "want": "str"}
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return "type", {"got": type(got).__name__, "want": "dict"}
        if set(got) != set(want):
            return "keys", {"got": sorted(got, key=repr), "want": sorted(want, key=repr)}
        for key in want:
            problem = compare(got[key], want[key], f"{where}[{key!r}]", notes)
            if problem:
                return problem
        return None
    if isinstance(want, (list, tuple)):
        return compare_sequences(got, want, where, notes)
    if isinstance(got, torch.Tensor) or got != want:  # None, a string, a dtype...
        return "value", {"got": show(got), "want": show(want)}
    return None


def judge(answer, want, asked=(), where=ANSWER):
    """("correct", notes), ("wrong", [problem]) or ("asked", [notes]): the learner's answer
    against the solution's, as message keys and their fields. `asked` lists what the question
    asks about besides values ("requires_grad", "dtype", "type", "shape")."""
    notes: list = []
    problem = compare(answer, want, where, notes)
    if problem is not None:
        return "wrong", [problem]
    kept, seen = [], set()
    for key, fields in notes:  # one note of each kind: the first place it applies
        if key not in seen:
            seen.add(key)
            kept.append((key, fields))
    missed = [note for note in kept if ABOUT[note[0]] in asked]
    return ("asked", missed[:1]) if missed else ("correct", kept)


def verdict(number, answer, expected, strict, messages, name=ANSWER):
    """The checker's reply, in the language of `messages`."""
    if number not in expected:
        return messages["unknown"].format(number=number)
    if answer is ...:
        return messages["missing"].format(where=name)
    kind, said = judge(answer, expected[number], strict.get(number, ()), name)
    lines = [messages[key].format(**fields) for key, fields in said]
    if kind == "wrong":
        return messages["wrong"].format(lines[0])
    if kind == "asked":
        return messages["asked"].format(lines[0])
    if not lines:
        return messages["correct"]
    return messages["details"] + "".join(f"\n- {line}" for line in lines)


def check(number, answer):
    """Say whether `answer` is the verified answer of exercise `number`, or what differs."""
    print(verdict(number, answer, EXPECTED, STRICT, MESSAGES, ANSWER))

"""What a notebook says to the learner besides the lesson, in each language: its note, the cells
it adds, and the exercise checker's messages (tools/checker.py formats them).

In the messages, `{where}` is what the learner bound (`answer`, `answer[0]`...), `{got}` their
value, `{want}` the solution's. A message about what differs ends a "Not yet." reply; a note
about a technicality, one line of a "Correct!" reply.
"""

from __future__ import annotations

from dataclasses import dataclass

from tools import languages


@dataclass(frozen=True)
class NotebookText:
    note: str  # under the title: where the notebook comes from, how to get the same numbers
    short_tracebacks: str  # the cell that keeps errors as short as on the lesson
    how_to_check: str  # before the exercises, with {answer}: the name to bind
    attempt: str  # the learner's cell of an exercise, with {answer}
    checker_title: str  # the checker cell's title, as Colab and the site show it folded
    messages: dict[str, str]


SPANISH = NotebookText(
    note=(
        "*Cuaderno generado a partir de la lección [{title}]({url}); las salidas se "
        "verificaron con PyTorch {torch}. Para obtener los mismos números: "
        "`pip install torch=={base} numpy`.*"
    ),
    short_tracebacks=(
        "# Errores breves, como en la lección: solo el tipo y el mensaje.\n"
        "# Para ver la traza completa, ejecuta %xmode Context.\n"
        "%xmode Minimal"
    ),
    how_to_check=(
        "Ejecuta primero la celda del comprobador. En cada ejercicio con comprobación, escribe "
        "tu intento en su celda, guarda el resultado en `{answer}` y ejecuta la celda siguiente. "
        "Te dirá si es correcto o en qué difiere de la respuesta verificada."
    ),
    attempt=(
        "# Tu intento: escribe aquí tu código y guarda el resultado en `{answer}`.\n{answer} = ..."
    ),
    checker_title="Comprobador de los ejercicios (ejecútalo; no hace falta leerlo)",
    messages={
        "correct": "¡Correcto!",
        "details": "¡Correcto! Los valores coinciden con los de la solución. Conviene saber esto:",
        "wrong": "Todavía no. {}",
        "asked": (
            "Todavía no. Los valores son correctos, pero la pregunta no trata solo de los "
            "valores. {}"
        ),
        "missing": (
            "Aún no hay respuesta. Escribe tu código en la celda de arriba, guarda el resultado "
            "en `{where}` y vuelve a ejecutar esta celda."
        ),
        "unknown": "El ejercicio {number} no tiene comprobación.",
        # What differs
        "type": "`{where}` es de tipo `{got}`; en la solución, de tipo `{want}`.",
        "shape": "`{where}` tiene forma {got}; en la solución, {want}.",
        "values": (
            "`{where}` difiere de la solución en {count} de sus {total} valores. El primero es "
            "`{where}[{index}]`, que vale {got} en vez de {want}."
        ),
        "value": "`{where}` vale {got}; en la solución, {want}.",
        "length": "`{where}` tiene {got} elementos; en la solución, {want}.",
        "keys": "`{where}` tiene las claves {got}; en la solución, {want}.",
        # Technicalities, when the values are right
        "tracked": (
            "`{where}` todavía requiere gradiente; en la solución, no. `{where}.detach()` da "
            "los mismos valores fuera del grafo."
        ),
        "untracked": "`{where}` no requiere gradiente; en la solución, sí.",
        "integers": (
            "`{where}` contiene enteros (`{got}`); en la solución, números de coma flotante "
            "(`{want}`), los únicos que pueden requerir gradiente."
        ),
        "float64": (
            "`{where}` está en doble precisión (`{got}`); en la solución, en `{want}`, la "
            "precisión por defecto de PyTorch."
        ),
        "mask": (
            "`{where}` es una máscara de `True` y `False`; en la solución, números (`{want}`). "
            "`{where}.float()` los convierte en 1 y 0."
        ),
        "dtype": "`{where}` tiene dtype `{got}`; en la solución, `{want}`.",
        "to_tensor": (
            "`{where}` es de tipo `{got}`; en la solución, un tensor. `torch.tensor({where})` "
            "lo convierte."
        ),
        "stack": (
            "`{where}` es una lista de tensores; en la solución, un solo tensor. "
            "`torch.stack({where})` los une."
        ),
        "item": (
            "`{where}` es un tensor; en la solución, un número de Python. `{where}.item()` lo da."
        ),
        "tolist": "`{where}` es un tensor; en la solución, una lista. `{where}.tolist()` la da.",
        "node": ("`{where}` es el propio nodo; en la solución, su nombre. `{where}.name()` lo da."),
    },
)

ENGLISH = NotebookText(
    note=(
        "*Notebook generated from the lesson [{title}]({url}); its outputs were verified "
        "with PyTorch {torch}. To get the same numbers: `pip install torch=={base} numpy`.*"
    ),
    short_tracebacks=(
        "# Short errors, as in the lesson: just the type and the message.\n"
        "# To see the full traceback, run %xmode Context.\n"
        "%xmode Minimal"
    ),
    how_to_check=(
        "Run the checker cell first. In each exercise with a check, write your attempt in its "
        "cell, store the result in `{answer}` and run the next cell. It tells you whether your "
        "answer is correct or how it differs from the verified one."
    ),
    attempt=(
        "# Your attempt: write your code here and store the result in `{answer}`.\n{answer} = ..."
    ),
    checker_title="Exercise checker (run it; no need to read it)",
    messages={
        "correct": "Correct!",
        "details": "Correct! The values match the solution's. Worth knowing:",
        "wrong": "Not yet. {}",
        "asked": "Not yet. The values are right, but the question is about more than values. {}",
        "missing": (
            "No answer yet. Write your code in the cell above, store the result in `{where}` "
            "and run this cell again."
        ),
        "unknown": "There is no check for exercise {number}.",
        # What differs
        "type": "`{where}` is of type `{got}`; in the solution, of type `{want}`.",
        "shape": "`{where}` has shape {got}; in the solution, {want}.",
        "values": (
            "{count} of the {total} values of `{where}` differ from the solution's. The first "
            "is `{where}[{index}]`: {got} instead of {want}."
        ),
        "value": "`{where}` is {got}; in the solution, {want}.",
        "length": "`{where}` has {got} elements; in the solution, {want}.",
        "keys": "`{where}` has the keys {got}; in the solution, {want}.",
        # Technicalities, when the values are right
        "tracked": (
            "`{where}` still requires grad; in the solution, it doesn't. `{where}.detach()` "
            "gives the same values outside the graph."
        ),
        "untracked": "`{where}` doesn't require grad; in the solution, it does.",
        "integers": (
            "`{where}` holds integers (`{got}`); in the solution, floating-point numbers "
            "(`{want}`), the only ones that can require grad."
        ),
        "float64": (
            "`{where}` is in double precision (`{got}`); in the solution, in `{want}`, "
            "PyTorch's default."
        ),
        "mask": (
            "`{where}` is a mask of `True` and `False`; in the solution, numbers (`{want}`). "
            "`{where}.float()` turns them into 1 and 0."
        ),
        "dtype": "`{where}` has dtype `{got}`; in the solution, `{want}`.",
        "to_tensor": (
            "`{where}` is of type `{got}`; in the solution, a tensor. `torch.tensor({where})` "
            "makes one."
        ),
        "stack": (
            "`{where}` is a list of tensors; in the solution, a single tensor. "
            "`torch.stack({where})` joins them."
        ),
        "item": (
            "`{where}` is a tensor; in the solution, a Python number. `{where}.item()` gives it."
        ),
        "tolist": "`{where}` is a tensor; in the solution, a list. `{where}.tolist()` gives it.",
        "node": (
            "`{where}` is the node itself; in the solution, its name. `{where}.name()` gives it."
        ),
    },
)

TEXT = {languages.SPANISH.code: SPANISH, languages.ENGLISH.code: ENGLISH}

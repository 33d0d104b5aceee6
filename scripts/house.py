"""Draw the project as a house: Python files are rooms, imports are arrows.

Prints, for the application code (outside migrations, tests and scripts):

- the rooms (files) and the floors (each app's place in the intended order, lowest first);
- the arrows that run back up: an import from an app into one that sits above it (settings
  and urls may import anything: they sit at the top);
- the circles: groups of files that import one another, directly or round a loop. An import
  inside a function counts: it only hides the circle from Python, not from the reader;
- each app's share of the application Python, outside migrations and demo content.

``python scripts/house.py --check`` exits 1 when an arrow runs back up or a circle exists;
``--diagram`` prints the apps and the imports between them as a Mermaid graph (the README's).
"""

import argparse
import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lowest first: an app may import the apps before it, never those after it.
FLOORS = ["core", "publications", "home", "campaigns", "insights", "demo", "cms"]
# Configuration sits on top of everything and may import anything.
CONFIGURATION = ("cms.settings", "cms.urls", "cms.celery", "cms.wsgi")
# Content that is not application code for the share: demo content lives in its own app.
NOT_APPLICATION = ("demo",)


def rooms():
    """Each application module and its file."""
    found = {}
    for app in FLOORS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts:
                continue
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imported_modules(path, module, known):
    """The project modules a file imports, wherever the import statement stands."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    targets = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            # The deepest project module the name points at (a package, or a module in it).
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
    return targets


def app_of(module):
    return module.split(".")[0]


def circles(graph):
    """Strongly connected components with more than one file (Tarjan, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def lines_of(path):
    return sum(1 for line in path.read_text().splitlines() if line.strip())


def survey():
    known = rooms()
    graph = {module: imported_modules(path, module, known) for module, path in known.items()}
    floor = {app: number for number, app in enumerate(FLOORS)}
    back_up = sorted(
        (module, target)
        for module, targets in graph.items()
        for target in targets
        if floor[app_of(target)] > floor[app_of(module)] and not module.startswith(CONFIGURATION)
    )
    share = defaultdict(int)
    for module, path in known.items():
        if app_of(module) not in NOT_APPLICATION and ".demo" not in f".{module}.":
            share[app_of(module)] += lines_of(path)
    between_apps = defaultdict(int)
    for module, targets in graph.items():
        for target in targets:
            if app_of(target) != app_of(module):
                between_apps[app_of(module), app_of(target)] += 1
    return {
        "rooms": len(known),
        "between_apps": dict(between_apps),
        "floors": [app for app in FLOORS if any(app_of(m) == app for m in known)],
        "back_up": back_up,
        "circles": circles(graph),
        "share": dict(share),
    }


def diagram(house):
    """Each app a box, each arrow "imports" with how many imports it stands for."""
    lines = ["flowchart BT"]
    for (source, target), count in sorted(house["between_apps"].items()):
        lines.append(f"    {source} -->|{count}| {target}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 on an arrow up or a circle")
    parser.add_argument("--diagram", action="store_true", help="print a Mermaid graph of apps")
    options = parser.parse_args()
    house = survey()
    if options.diagram:
        print(diagram(house))
        return
    total = sum(house["share"].values())
    print(f"rooms (files): {house['rooms']}; floors, lowest first: {' < '.join(house['floors'])}")
    print(f"arrows running back up: {len(house['back_up'])}")
    for module, target in house["back_up"]:
        print(f"  {module} -> {target}")
    print(f"circles: {len(house['circles'])}")
    for members in house["circles"]:
        print(f"  {' <-> '.join(members)}")
    print(f"application Python (non-blank lines outside migrations and demo): {total}")
    for app, count in sorted(house["share"].items(), key=lambda item: -item[1]):
        print(f"  {app:<13} {count:>6}  {100 * count / total:5.1f} %")
    if options.check and (house["back_up"] or house["circles"]):
        sys.exit(1)


if __name__ == "__main__":
    main()

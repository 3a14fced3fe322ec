#!/usr/bin/env python3
"""Fails when a folder includes or links what docs/architecture.md says it may not use.

Each folder of the tree is one CMake target. The rule below is the one the architecture
document draws: dependencies point inward, only engine/ and app/ know concrete outputs, Beast is
the control server's alone, the folders that decide what airs never read a clock, and nothing
uses the fuzz targets (fuzz/ may use everything).
Run: check_dependencies.py SOURCE_DIR   (ctest runs it as "architecture: dependencies").
     check_dependencies.py --self-test   (a tree with known faults: each must be reported)
"""
import pathlib
import re
import sys

AUDIO = ["audio", "audio/dsp", "audio/decode", "audio/sources", "audio/stream"]
# folder -> the project folders its files may include (besides itself)
MAY_USE = {
    "core": [],
    "audio": ["core"],
    "audio/dsp": ["core", "audio"],
    "audio/decode": ["core", "audio"],
    "audio/sources": ["core", "audio", "audio/dsp", "audio/decode"],
    "audio/stream": ["core", "audio", "audio/dsp", "audio/decode", "audio/sources"],
    "audio/outputs": ["core", "audio", "audio/dsp", "audio/decode", "audio/sources"],
    "audio/inputs": ["core", "audio", "audio/dsp", "audio/decode", "audio/sources",
                     "audio/outputs"],
    "speech": ["core", "audio", "audio/dsp", "audio/decode"],
    "library": ["core", "audio", "audio/decode"],
    "playlists": ["core", "audio", "library"],
    "scheduler": ["core"],
    "asrun": ["core"],
    "station": ["core", "audio", "library", "playlists", "scheduler", "asrun", "speech"],
    "os": ["core"],
    "snapcast": ["core", "audio"],
    "engine": ["core", *AUDIO, "audio/outputs", "audio/inputs", "library", "playlists",
               "scheduler", "asrun", "station", "os"],
    "health": ["core", "asrun", "station", "engine", "os"],
    "control": ["core", "audio", "library", "playlists", "scheduler", "asrun", "station",
                "engine", "health", "os", "snapcast"],
    "cli": ["core", "library", "playlists", "scheduler", "asrun", "station", "control", "speech",
            "snapcast"],
    "app": None,  # the composition root may use everything
    "fuzz": None,  # the fuzz targets drive any part; nothing may use them
}
# folders that may include any external header (the composition root, the fuzz targets)
ANY_EXTERNAL = ["app", "fuzz"]
# external headers a folder may include only when listed here
EXTERNAL = {
    r"portaudio\.h": ["audio/outputs", "audio/inputs"],
    r"boost/beast": ["control"],
    r"boost/asio": ["os", "snapcast", "engine", "health", "control", "app"],
    r"sqlite3\.h": ["asrun"],
    r"sndfile": ["audio/decode", "audio/outputs"],
    r"libav(format|codec|util)/|libswresample/": ["audio/decode"],
    r"systemd/": ["os"],
    r"libevdev/": ["station", "os"],
    r"boost/program_options": ["cli", "app"],
    r"espeak-ng/": ["speech"],
}
# folders that take the time as a parameter and never read a clock themselves
NO_CLOCK = ["scheduler", "playlists", "library", "station", "asrun"]
CLOCK_READ = re.compile(r"\b(system_clock|steady_clock|high_resolution_clock)::now\b|\btime\(nullptr\)")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def folder_of(rel: pathlib.PurePosixPath) -> str:
    parts = rel.parts
    if parts[0] == "audio" and len(parts) > 2:
        return f"audio/{parts[1]}"
    return parts[0]


def check(root: pathlib.Path) -> tuple[list[str], int]:
    problems = []
    files = 0
    for folder in MAY_USE:
        base = root / folder
        globs = ["*.cpp", "*.hpp"] if "/" in folder or folder == "audio" else ["**/*.cpp", "**/*.hpp"]
        for g in globs:
            for path in sorted(base.glob(g)):
                rel = pathlib.PurePosixPath(path.relative_to(root).as_posix())
                if folder_of(rel) != folder:
                    continue
                files += 1
                text = path.read_text(encoding="utf-8")
                for m in INCLUDE.finditer(text):
                    line = text.count("\n", 0, m.start()) + 1
                    target = m.group(2)
                    if m.group(1) == '"':
                        used = folder_of(pathlib.PurePosixPath(target))
                        allowed = MAY_USE[folder]
                        if used not in MAY_USE:
                            problems.append(f"{rel}:{line}: includes {target}, outside the tree")
                        elif used != folder and (used == "fuzz" or (allowed is not None
                                                                    and used not in allowed)):
                            problems.append(f"{rel}:{line}: {folder}/ may not use {used}/ ({target})")
                    for pattern, owners in EXTERNAL.items():
                        if re.match(pattern, target) and folder not in owners and folder not in ANY_EXTERNAL:
                            problems.append(f"{rel}:{line}: {folder}/ may not include <{target}>")
                if folder in NO_CLOCK and path.suffix in (".cpp", ".hpp"):
                    for m in CLOCK_READ.finditer(text):
                        line = text.count("\n", 0, m.start()) + 1
                        problems.append(f"{rel}:{line}: {folder}/ reads the clock ({m.group(0)}); "
                                        "take the time as a parameter")
    # the link rule: a folder's CMake target names only targets of folders it may use
    target_folder = {}
    for cm in root.glob("**/CMakeLists.txt"):
        for m in re.finditer(r"vc_add_module\(NAME (vc_\w+)(?: DIRS (\S+))?", cm.read_text()):
            rel = cm.parent.relative_to(root).as_posix()
            d = m.group(2)
            target_folder[m.group(1)] = rel if not d or d == "." else f"{rel}/{d}"
    for cm in root.glob("**/CMakeLists.txt"):
        text = cm.read_text()
        for m in re.finditer(r"vc_add_module\(NAME (vc_\w+)[^)]*?LIBS([^)]*)\)", text, re.S):
            folder = target_folder[m.group(1)]
            allowed = MAY_USE.get(folder)
            for lib in re.findall(r"\bvc_\w+", m.group(2)):
                used = target_folder.get(lib)
                if allowed is not None and used not in allowed:
                    problems.append(f"{cm.relative_to(root)}: {m.group(1)} ({folder}/) may not link "
                                    f"{lib} ({used}/)")
    return problems, files


def self_test() -> int:
    """Plants one fault of each kind in a small tree and fails unless each is reported."""
    import tempfile
    faults = {
        "scheduler/a.cpp": '#include "audio/outputs/portaudio_output.hpp"\n',
        "playlists/b.cpp": "auto t = std::chrono::system_clock::now();\n",
        "library/c.cpp": "#include <boost/beast/http.hpp>\n",
        "cli/d.cpp": '#include "engine/service.hpp"\n',
        "app/e.cpp": '#include "fuzz/fuzz_support.hpp"\n',
        "asrun/CMakeLists.txt": "vc_add_module(NAME vc_asrun LIBS vc_core vc_engine)\n",
        "engine/CMakeLists.txt": "vc_add_module(NAME vc_engine LIBS vc_core)\n",
        "core/CMakeLists.txt": "vc_add_module(NAME vc_core LIBS)\n",
        "core/ok.cpp": '#include "core/clock.hpp"\n',
        "library/f.cpp": "#include <espeak-ng/speak_lib.h>\n",
        "speech/ok.cpp": "#include <espeak-ng/speak_lib.h>\n",
    }
    expected = ["scheduler/a.cpp:1: scheduler/ may not use audio/outputs/",
                "playlists/b.cpp:1: playlists/ reads the clock",
                "library/c.cpp:1: library/ may not include <boost/beast/http.hpp>",
                "cli/d.cpp:1: cli/ may not use engine/",
                "app/e.cpp:1: app/ may not use fuzz/",
                "library/f.cpp:1: library/ may not include <espeak-ng/speak_lib.h>",
                "vc_asrun (asrun/) may not link vc_engine"]
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        for rel, text in faults.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
        problems, _ = check(root)
    missed = [e for e in expected if not any(e in p for p in problems)]
    for m in missed:
        print(f"not reported: {m}")
    if len(problems) != len(expected):
        print(f"expected {len(expected)} problems, got {len(problems)}: {problems}")
    print(f"self-test: {len(expected) - len(missed)} of {len(expected)} planted faults reported")
    return 1 if missed or len(problems) != len(expected) else 0


def main() -> int:
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    problems, files = check(root)
    for p in problems:
        print(p)
    print(f"{files} files, {len(problems)} problems")
    return 1 if problems or files == 0 else 0


if __name__ == "__main__":
    sys.exit(main())

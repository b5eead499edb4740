"""The AI skills framework: the five levels every event file is seeded with."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LevelSeed:
    id: int
    name: str
    audience: str
    description: str
    colour: str
    foundational: bool
    learning_paths: tuple[str, ...]


FRAMEWORK: tuple[LevelSeed, ...] = (
    LevelSeed(
        1,
        "AI literacy",
        "Every employee",
        "What AI can and cannot do, and how to use it responsibly.",
        "#2E86AB",
        True,
        ("Responsible AI essentials", "AI in your function: use-case clinic", "Hands-on with AI (level 2)"),
    ),
    LevelSeed(
        2,
        "Hands-on with AI",
        "Every employee",
        "Prompting, working with assistants and judging their output critically.",
        "#3BB273",
        True,
        ("Prompt engineering practice lab", "Assistants for documents, data and email", "Creating with AI (level 3)"),
    ),
    LevelSeed(
        3,
        "Creating with AI",
        "Power users, developers, data engineers",
        "Model APIs, low-code builders and custom assistants.",
        "#E1BC29",
        False,
        ("Building with model APIs", "Retrieval-augmented generation in practice", "Building AI systems (level 4)"),
    ),
    LevelSeed(
        4,
        "Building AI systems",
        "ML engineers",
        "Deep learning, training, fine-tuning and evaluating models.",
        "#E15554",
        False,
        ("Deep learning specialisation", "Fine-tuning and evaluation at scale", "MLOps: shipping models to production"),
    ),
    LevelSeed(
        5,
        "Specialists",
        "Cloud, security, data science and research specialists",
        "Cloud AI platforms, AI security, advanced data science, research and certification prep.",
        "#7768AE",
        False,
        ("Cloud AI certification track", "AI security and red-teaming", "Research reading group"),
    ),
)

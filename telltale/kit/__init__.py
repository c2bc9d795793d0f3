"""The teacher's kit: the lesson plan (teaching.py reads lessons/teaching.yaml, plan.py builds the
plan of a class) and the printable materials drawn from the lesson files (printables.py)."""

"""Course content: the face library (images/), the lessons (lessons/), their build and checks."""

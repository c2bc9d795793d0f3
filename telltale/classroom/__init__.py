"""Classroom mode: a teacher starts a class and gets a code and a private link; students join with
the code and a nickname; the dashboard shows the class's figures and exports them.

One module per concern: codes (class codes, teacher tokens, links, starting a class), nicknames,
joining (and rejoining), retention, figures (the dashboard's), exports (CSV and xAPI). Their public
names are gathered here, so callers write ``classroom.join_class(...)``.

All class state lives in the database (no process memory), so several app servers can share
one PostgreSQL. Closing a class is enforced by Store.record_answer itself.
"""
from telltale.classroom.codes import (CODE_ALPHABET, CODE_LENGTH, DEFAULT_MAX_STUDENTS, MAX_STUDENTS_LIMIT,
                                      TEACHER_TOKEN_BYTES, TITLE_MAX_LENGTH, class_for_teacher, class_size_limit,
                                      clean_title, item_limits, join_url, new_class_code, new_teacher_token,
                                      normalize_code, qr_png, start_class, teacher_url)
from telltale.classroom.exports import (ANSWER_COLUMNS, SUMMARY_COLUMNS, XAPI_ANSWERED, XAPI_INTERACTION,
                                        answers_csv, class_registration, export_name, summary_csv, xapi_json,
                                        xapi_statements)
from telltale.classroom.figures import (FACE_PHASES, TEST_PHASES, AdsSummary, ItemStat, Snapshot, StudentSummary,
                                        expected_answers, flags_of, judgement_of, snapshot, summarize, truth_of)
from telltale.classroom.joining import (REJOIN_WAIT, Joined, RejoinPending, join_class, namesake, open_class,
                                        rejoin_status, waiting_rejoins)
from telltale.classroom.nicknames import (ADJECTIVES, ANIMALS, NICKNAME_ALLOWED, NICKNAME_MAX_LENGTH,
                                          NICKNAME_MIN_LENGTH, JoinError, NicknameError, NicknameTaken,
                                          clean_nickname, suggest_nickname)
from telltale.classroom.retention import (DEFAULT_RETENTION_DAYS, DEFAULT_SOLO_RETENTION_DAYS, RETENTION_ENV,
                                          SOLO_RETENTION_ENV, purge_expired, retention_days, solo_retention_days)

__all__ = [name for name in dir() if not name.startswith("_")]

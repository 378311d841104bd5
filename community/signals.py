"""Signals community sends for framework-level observers (the page cache).

`questions_changed(sender, question_ids)` goes out when a service changes what a question's
page shows with `.update()` (which sends no model signal): accepting or verifying an answer,
merging answers into another question, approving a post.
"""

from django.dispatch import Signal

questions_changed = Signal()

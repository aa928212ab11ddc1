"""What plans link to a complaint case: the measures it led to.

Found by ``prongsai.complaints.links`` (every app's ``case_links.py``
declares ``CASE_LINKS``, a callable taking the case and returning
``(label, url)`` pairs).
"""

from .selectors_case_links import case_link_labels

CASE_LINKS = case_link_labels

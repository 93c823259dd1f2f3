"""The checks that find differences, on the parse's typed facts only: two values of one
slot of one event (``typed``), every pair inside a point compared slot by slot
(``slots``), an event's status through reporting frames (``reporting``), comparison
relations (``relations``) and who did an act (``roles``)."""

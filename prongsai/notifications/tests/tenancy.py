"""The notifications app's back-office routes take no object parameter."""

ROUTE_OBJECTS: dict = {}

"""SOPs as data: definitions, templates, standard times, the office calendar and runs."""

"""The Camat's dasbor: headline figures, QPainter charts and the lists of what is late."""

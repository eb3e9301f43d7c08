"""Icons, stylesheets and other files the app ships with."""

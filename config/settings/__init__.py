"""Settings: `base` holds what every mode shares; `local`, `test` and `production` adjust it."""

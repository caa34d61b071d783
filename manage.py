#!/usr/bin/env python
import sys

if __name__ == "__main__":
    # The settings follow one documented rule (config/settings/selection.py); never a silent dev default.
    from config.settings.selection import SettingsNotChosen, settings_module_select

    try:
        settings_module_select(argv=sys.argv[1:])
    except SettingsNotChosen as exc:
        sys.stderr.write(f"{exc}\n")
        sys.exit(2)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)

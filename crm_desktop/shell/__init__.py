"""The app shell: main window, tray, single instance, settings, start-up checks (Qt)."""

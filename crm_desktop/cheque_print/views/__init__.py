"""The cheque print widgets (Qt): the layout designer, the calibration dialog, printing from the cheque book."""

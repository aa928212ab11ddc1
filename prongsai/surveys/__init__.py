"""IIT and EIT pulse surveys, satisfaction surveys, and the predicted ITA."""

"""What an operator watches and is warned of: health, metrics and the system checks."""

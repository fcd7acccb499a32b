variable "name" {
  type        = string
  default     = "demo"
  description = "Who to greet."

  validation {
    condition     = length(var.name) > 0
    error_message = "name must not be empty."
  }
}

output "greeting" {
  value = "hello-${var.name}"
}

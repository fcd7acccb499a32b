run "greets_wrongly" {
  command = plan

  assert {
    condition     = output.greeting == "hello-world"
    error_message = "greeting should be hello-world"
  }
}
